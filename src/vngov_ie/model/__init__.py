"""The token-classification model: tokenizer, data, training and inference."""
